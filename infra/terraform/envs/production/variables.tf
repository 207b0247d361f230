variable "region" {
  description = "AWS region production runs in."
  type        = string
  default     = "eu-west-1"
}

variable "deploy_role_arn" {
  description = "ARN of the deploy workflow's role (envs/shared output deploy_role_arn)."
  type        = string
}

variable "smtp_url" {
  description = "SMTP server for email, with credentials (TF_VAR_smtp_url; e.g. Amazon SES's SMTP endpoint)."
  type        = string
  sensitive   = true
}

variable "availability_zone_count" {
  description = "Availability zones production spans."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone."
  type        = bool
  default     = false
}

variable "node_instance_types" {
  description = "Instance types of the EKS nodes."
  type        = list(string)
  default     = ["m6i.large"]
}

variable "node_min_size" {
  description = "Fewest EKS nodes."
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Most EKS nodes."
  type        = number
  default     = 9
}

variable "node_desired_size" {
  description = "EKS nodes to start with."
  type        = number
  default     = 3
}

variable "db_instance_class" {
  description = "RDS PostgreSQL instance class."
  type        = string
  default     = "db.m6g.large"
}

variable "db_multi_az" {
  description = "A standby database in another zone."
  type        = bool
  default     = true
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database; keep a final snapshot."
  type        = bool
  default     = true
}

variable "redis_node_type" {
  description = "ElastiCache Redis node type."
  type        = string
  default     = "cache.m6g.large"
}

variable "redis_replicas" {
  description = "Redis cache nodes (more than 1: replicas and automatic failover)."
  type        = number
  default     = 2
}

variable "mq_instance_type" {
  description = "Amazon MQ broker instance type."
  type        = string
  default     = "mq.m5.large"
}

variable "mq_cluster" {
  description = "RabbitMQ as a three-node cluster across zones."
  type        = bool
  default     = true
}
