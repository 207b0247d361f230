output "cluster_name" {
  description = "Name of the EKS cluster (the deploy workflow's EKS_CLUSTER for this environment)."
  value       = module.taskflow.cluster_name
}

output "service_role_arns" {
  description = "IAM role ARN of each Kubernetes service account (deploy/k8s/overlays/<environment>/service-accounts.yaml)."
  value       = module.taskflow.service_role_arns
}

output "load_balancer_controller_role_arn" {
  description = "IAM role ARN for the AWS Load Balancer Controller (its Helm install: docs/deploy.md)."
  value       = module.taskflow.load_balancer_controller_role_arn
}

output "app_secret_name" {
  description = "The application's secret in Secrets Manager."
  value       = module.taskflow.app_secret_name
}

output "vpc_id" {
  description = "ID of the VPC (the AWS Load Balancer Controller's vpcId)."
  value       = module.taskflow.vpc_id
}
