CREATE TABLE "overdue_digests" (
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"timezone" text NOT NULL,
	"fire_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone,
	CONSTRAINT "overdue_digests_user_id_local_date_pk" PRIMARY KEY("user_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "overdue_digests" ADD CONSTRAINT "overdue_digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "overdue_digests_due_idx" ON "overdue_digests" USING btree ("fire_at") WHERE "overdue_digests"."sent_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "overdue_digests_one_pending_per_user" ON "overdue_digests" USING btree ("user_id") WHERE "overdue_digests"."sent_at" IS NULL;