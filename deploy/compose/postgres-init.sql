-- Runs once, when the PostgreSQL volume is first created: one database per service that owns data.
-- (Each service would also create its own database on first start; doing it here keeps that step out of
-- the services' start-up in containers.)
CREATE DATABASE taskflow_auth;
CREATE DATABASE taskflow_tasks;
