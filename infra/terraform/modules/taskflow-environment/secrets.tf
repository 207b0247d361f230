################################################################################
# The application's secret: one JSON document in Secrets Manager, synced into the cluster by the External
# Secrets Operator (deploy/k8s/base/secrets.yaml). Its keys are what the Deployments read.
################################################################################

# The ES256 key auth signs access tokens with; every auth instance must share it.
resource "tls_private_key" "auth_signing" {
  algorithm   = "ECDSA"
  ecdsa_curve = "P256"
}

# What the tasks service derives calendar feed addresses from; every tasks instance must share it.
resource "random_password" "calendar" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "app" {
  name                    = "taskflow/${var.environment}/app"
  description             = "TaskFlow ${var.environment}: connection URLs and keys of the services"
  recovery_window_in_days = 7
  tags                    = local.tags
}

locals {
  # pg: TLS without certificate verification against RDS's CA (node-postgres reads sslmode=no-verify).
  database_url = "postgres://taskflow:${random_password.db.result}@${module.db.db_instance_address}:5432"
  amqp_url     = replace(aws_mq_broker.rabbitmq.instances[0].endpoints[0], "amqps://", "amqps://taskflow:${random_password.mq.result}@")
  redis_url    = "rediss://:${random_password.redis.result}@${module.redis.replication_group_primary_endpoint_address}:6379"
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    AUTH_DATABASE_URL    = "${local.database_url}/taskflow_auth?sslmode=no-verify"
    TASKS_DATABASE_URL   = "${local.database_url}/taskflow_tasks?sslmode=no-verify"
    AMQP_URL             = local.amqp_url
    REDIS_URL            = local.redis_url
    SMTP_URL             = var.smtp_url
    AUTH_SIGNING_KEY_PEM = tls_private_key.auth_signing.private_key_pem_pkcs8
    CALENDAR_SECRET      = random_password.calendar.result
  })
}
