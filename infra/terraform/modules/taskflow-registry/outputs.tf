output "repository_urls" {
  description = "URL of each image repository, by image name (auth, tasks, notifications, proxy)."
  value       = { for name, repository in module.ecr : name => repository.repository_url }
}

output "registry" {
  description = "The registry host the deploy workflow logs in to and pushes to (<account>.dkr.ecr.<region>.amazonaws.com)."
  value       = split("/", module.ecr["auth"].repository_url)[0]
}

output "deploy_role_arn" {
  description = "ARN of the role the deploy workflow assumes (the AWS_DEPLOY_ROLE_ARN repository variable)."
  value       = module.deploy_role.arn
}
