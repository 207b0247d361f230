output "cluster_name" {
  description = "Name of the EKS cluster (aws eks update-kubeconfig --name …)."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "API endpoint of the EKS cluster."
  value       = module.eks.cluster_endpoint
}

output "service_role_arns" {
  description = "IAM role ARN of each Kubernetes service account, for the eks.amazonaws.com/role-arn annotations in deploy/k8s/overlays/<environment>/service-accounts.yaml."
  value = merge(
    { for name, role in module.service_roles : name => role.arn },
    { "secrets-reader" = module.secrets_reader_role.arn },
  )
}

output "load_balancer_controller_role_arn" {
  description = "IAM role ARN for the AWS Load Balancer Controller's service account (kube-system/aws-load-balancer-controller)."
  value       = module.load_balancer_controller_role.arn
}

output "app_secret_name" {
  description = "Name of the application's secret in Secrets Manager (the ExternalSecret's key)."
  value       = aws_secretsmanager_secret.app.name
}

output "vpc_id" {
  description = "ID of the environment's VPC (the AWS Load Balancer Controller's vpcId)."
  value       = module.vpc.vpc_id
}

output "database_address" {
  description = "Host name of the PostgreSQL instance."
  value       = module.db.db_instance_address
}

output "redis_address" {
  description = "Host name of the Redis primary endpoint."
  value       = module.redis.replication_group_primary_endpoint_address
}

output "rabbitmq_console_url" {
  description = "Amazon MQ's RabbitMQ management console (reachable from inside the VPC)."
  value       = aws_mq_broker.rabbitmq.instances[0].console_url
}
