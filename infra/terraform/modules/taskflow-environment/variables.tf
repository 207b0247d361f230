variable "environment" {
  description = "Name of the environment (staging, production): part of every resource name and of the Secrets Manager secret's path."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR block of the environment's VPC (a /16 leaves room for three /20 private and smaller public and data subnets)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "availability_zone_count" {
  description = "How many availability zones the VPC, the nodes and the data stores span (2 or 3)."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "One NAT gateway for the whole VPC (cheaper, one zone's outage cuts egress) instead of one per zone."
  type        = bool
  default     = false
}

variable "kubernetes_version" {
  description = "Kubernetes version of the EKS control plane and its managed node groups."
  type        = string
  default     = "1.33"
}

variable "node_instance_types" {
  description = "EC2 instance types of the EKS managed node group, in order of preference."
  type        = list(string)
  default     = ["t3.large"]
}

variable "node_min_size" {
  description = "Fewest nodes in the managed node group."
  type        = number
  default     = 2
}

variable "node_max_size" {
  description = "Most nodes in the managed node group."
  type        = number
  default     = 6
}

variable "node_desired_size" {
  description = "Nodes the managed node group starts with."
  type        = number
  default     = 3
}

variable "deploy_role_arn" {
  description = "ARN of the IAM role the deploy workflow assumes (envs/shared output deploy_role_arn): given cluster access to apply the manifests."
  type        = string
}

variable "db_instance_class" {
  description = "RDS instance class of the PostgreSQL database."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_allocated_storage" {
  description = "Initial storage of the database in GiB (gp3); it grows up to db_max_allocated_storage."
  type        = number
  default     = 20
}

variable "db_max_allocated_storage" {
  description = "Most storage, in GiB, RDS storage autoscaling may grow the database to."
  type        = number
  default     = 100
}

variable "db_multi_az" {
  description = "A standby in another zone that RDS fails over to (production)."
  type        = bool
  default     = false
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database (and keep a final snapshot) — on in production."
  type        = bool
  default     = true
}

variable "redis_node_type" {
  description = "ElastiCache node type of the Redis replication group."
  type        = string
  default     = "cache.t4g.small"
}

variable "redis_replicas" {
  description = "Cache nodes in the Redis replication group (1 = primary only; 2 or more adds replicas and automatic failover)."
  type        = number
  default     = 1
}

variable "mq_instance_type" {
  description = "Amazon MQ broker instance type (mq.t3.micro only for a single instance; mq.m5.large or larger for a cluster)."
  type        = string
  default     = "mq.t3.micro"
}

variable "mq_cluster" {
  description = "Run RabbitMQ as a three-node cluster across zones (CLUSTER_MULTI_AZ) rather than a single instance."
  type        = bool
  default     = false
}

variable "smtp_url" {
  description = "SMTP server the notifications service sends email through, with credentials (e.g. smtps://USER:PASS@email-smtp.eu-west-1.amazonaws.com:465 for Amazon SES)."
  type        = string
  sensitive   = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
