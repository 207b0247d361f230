ALTER TABLE "projects" ADD COLUMN "board_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Written by hand (drizzle-kit does not track triggers): what moves projects.board_version on. A task's
-- insert, change or delete moves its project's version at commit (a deferred constraint trigger, so the
-- project row is locked only for the commit itself, not for the rest of the writing transaction).
CREATE FUNCTION "tasks_board_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "projects" SET "board_version" = "board_version" + 1 WHERE "id" = OLD."project_id";
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."project_id" <> OLD."project_id") THEN
    UPDATE "projects" SET "board_version" = "board_version" + 1 WHERE "id" = NEW."project_id";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "tasks_board_changed" AFTER INSERT OR UPDATE OR DELETE ON "tasks"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tasks_board_changed"();--> statement-breakpoint
-- A card shows its assignee's name: a user's name arriving or changing moves the version of every
-- project with a task assigned to them (locked in id order, so two renames cannot deadlock).
CREATE FUNCTION "users_board_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW."name" IS DISTINCT FROM OLD."name" THEN
    UPDATE "projects" SET "board_version" = "board_version" + 1
     WHERE "id" IN (SELECT "id" FROM "projects"
                     WHERE "id" IN (SELECT "project_id" FROM "tasks" WHERE "assignee_id" = NEW."id")
                     ORDER BY "id" FOR UPDATE);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "users_board_changed" AFTER INSERT OR UPDATE OF "name" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "users_board_changed"();
