CREATE TABLE "task_reminders" (
	"task_id" uuid NOT NULL,
	"offset_minutes" integer NOT NULL,
	"remind_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone,
	CONSTRAINT "task_reminders_task_id_offset_minutes_pk" PRIMARY KEY("task_id","offset_minutes")
);
--> statement-breakpoint
ALTER TABLE "task_reminders" ADD CONSTRAINT "task_reminders_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_reminders_due_idx" ON "task_reminders" USING btree ("remind_at") WHERE "task_reminders"."sent_at" IS NULL;