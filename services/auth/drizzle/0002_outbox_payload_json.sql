-- The relay publishes the stored text: json keeps it as written (rows already there keep jsonb's
-- canonical text, which is the same event).
ALTER TABLE "outbox" ALTER COLUMN "payload" SET DATA TYPE json;