output "registry" {
  description = "The ECR registry host (the AWS_ECR_REGISTRY repository variable of the deploy workflow)."
  value       = module.registry.registry
}

output "repository_urls" {
  description = "URL of each image repository."
  value       = module.registry.repository_urls
}

output "deploy_role_arn" {
  description = "The role the deploy workflow assumes (the AWS_DEPLOY_ROLE_ARN repository variable; deploy_role_arn of each environment)."
  value       = module.registry.deploy_role_arn
}
