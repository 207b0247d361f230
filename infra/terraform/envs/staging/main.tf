provider "aws" {
  region = var.region

  default_tags {
    tags = { ManagedBy = "terraform", Repository = "taskflow" }
  }
}

module "taskflow" {
  source = "../../modules/taskflow-environment"

  environment     = "staging"
  deploy_role_arn = var.deploy_role_arn
  smtp_url        = var.smtp_url

  availability_zone_count = var.availability_zone_count
  single_nat_gateway      = var.single_nat_gateway
  node_instance_types     = var.node_instance_types
  node_min_size           = var.node_min_size
  node_max_size           = var.node_max_size
  node_desired_size       = var.node_desired_size

  db_instance_class      = var.db_instance_class
  db_multi_az            = var.db_multi_az
  db_deletion_protection = var.db_deletion_protection
  redis_node_type        = var.redis_node_type
  redis_replicas         = var.redis_replicas
  mq_instance_type       = var.mq_instance_type
  mq_cluster             = var.mq_cluster
}
