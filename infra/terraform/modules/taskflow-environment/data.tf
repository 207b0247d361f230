################################################################################
# PostgreSQL (RDS): one instance, one database per service (the services create theirs on first start;
# the migration Jobs create and migrate them before the first rollout).
################################################################################

resource "random_password" "db" {
  length  = 32
  special = false
}

resource "aws_security_group" "data" {
  name        = "${local.name}-data"
  description = "PostgreSQL and RabbitMQ, reachable from inside the VPC only"
  vpc_id      = module.vpc.vpc_id
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  security_group_id = aws_security_group.data.id
  description       = "PostgreSQL from the VPC (EKS pods)"
  cidr_ipv4         = var.vpc_cidr
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
}

resource "aws_vpc_security_group_ingress_rule" "amqps" {
  security_group_id = aws_security_group.data.id
  description       = "AMQP over TLS from the VPC (EKS pods)"
  cidr_ipv4         = var.vpc_cidr
  ip_protocol       = "tcp"
  from_port         = 5671
  to_port           = 5671
}

module "db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "7.2.0"

  identifier = local.name

  engine               = "postgres"
  engine_version       = "16.6"
  family               = "postgres16"
  major_engine_version = "16"
  instance_class       = var.db_instance_class

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_encrypted     = true

  username = "taskflow"
  # The password is ours (it goes into the application's secret below), not one RDS manages.
  manage_master_user_password = false
  password_wo                 = random_password.db.result
  password_wo_version         = 1
  port                        = 5432

  multi_az               = var.db_multi_az
  db_subnet_group_name   = module.vpc.database_subnet_group_name
  vpc_security_group_ids = [aws_security_group.data.id]

  backup_retention_period = 7
  deletion_protection     = var.db_deletion_protection
  skip_final_snapshot     = !var.db_deletion_protection

  performance_insights_enabled = true

  tags = local.tags
}

################################################################################
# Redis (ElastiCache): notifications, Socket.IO's adapter, rate limits. Encrypted in transit and at rest,
# with an AUTH token.
################################################################################

resource "random_password" "redis" {
  length  = 48
  special = false
}

module "redis" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "1.10.3"

  replication_group_id = local.name
  description          = "TaskFlow ${var.environment}: notifications, Socket.IO adapter, rate limits"

  engine         = "redis"
  engine_version = "7.1"
  node_type      = var.redis_node_type

  num_cache_clusters         = var.redis_replicas
  automatic_failover_enabled = var.redis_replicas > 1
  multi_az_enabled           = var.redis_replicas > 1

  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  auth_token                 = random_password.redis.result

  # Notifications are kept here: a daily snapshot on top of the replicas.
  snapshot_retention_limit = 7

  vpc_id    = module.vpc.vpc_id
  subnet_ids = module.vpc.elasticache_subnets
  security_group_rules = {
    ingress_vpc = {
      description = "Redis from the VPC (EKS pods)"
      cidr_ipv4   = var.vpc_cidr
    }
  }

  create_parameter_group = true
  parameter_group_family = "redis7"

  apply_immediately = false
  tags              = local.tags
}

################################################################################
# RabbitMQ (Amazon MQ): no terraform-aws-modules module covers it. A single instance in staging, a
# three-node cluster across zones in production.
################################################################################

resource "random_password" "mq" {
  length  = 32
  special = false
}

resource "aws_mq_broker" "rabbitmq" {
  broker_name = local.name

  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  auto_minor_version_upgrade = true
  host_instance_type         = var.mq_instance_type
  deployment_mode            = var.mq_cluster ? "CLUSTER_MULTI_AZ" : "SINGLE_INSTANCE"

  publicly_accessible = false
  subnet_ids          = var.mq_cluster ? module.vpc.private_subnets : [module.vpc.private_subnets[0]]
  security_groups     = [aws_security_group.data.id]

  user {
    username = "taskflow"
    password = random_password.mq.result
  }

  logs {
    general = true
  }

  maintenance_window_start_time {
    day_of_week = "SUNDAY"
    time_of_day = "03:00"
    time_zone   = "UTC"
  }

  tags = local.tags
}
