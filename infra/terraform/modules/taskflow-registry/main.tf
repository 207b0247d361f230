# What every environment shares: the image repositories (images are built once and promoted from staging to
# production unchanged) and the role GitHub Actions assumes through OIDC — no long-lived AWS keys.

locals {
  # One repository per image: taskflow/<name>, matching the images in deploy/k8s/base.
  repositories = ["auth", "tasks", "notifications", "proxy"]
  tags         = merge(var.tags, { Project = "taskflow" })
}

module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "3.2.0"

  for_each = toset(local.repositories)

  repository_name                 = "taskflow/${each.key}"
  repository_image_tag_mutability = "IMMUTABLE"
  repository_image_scan_on_push   = true
  repository_read_write_access_arns = [module.deploy_role.arn]

  create_lifecycle_policy = true
  repository_lifecycle_policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last ${var.image_retention_count} images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = var.image_retention_count
      }
      action = { type = "expire" }
    }]
  })

  tags = local.tags
}

module "github_oidc_provider" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-oidc-provider"
  version = "6.5.0"

  create = var.create_github_oidc_provider
  url    = "https://token.actions.githubusercontent.com"

  tags = local.tags
}

# Assumed by the deploy workflow's jobs running in the named GitHub environments (production's is protected
# by required reviewers in the repository's settings). It pushes images; the clusters grant it access
# through their EKS access entries (envs/<environment>: deploy_role_arn).
module "deploy_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "6.5.0"

  name            = "taskflow-deploy"
  use_name_prefix = false

  enable_github_oidc = true
  oidc_subjects      = [for environment in var.deploy_environments : "repo:${var.github_repository}:environment:${environment}"]

  create_inline_policy = true
  inline_policy_permissions = {
    ecr_login = {
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
    eks_describe = {
      actions   = ["eks:DescribeCluster"]
      resources = ["arn:aws:eks:*:*:cluster/taskflow-*"]
    }
  }

  tags = local.tags
}
