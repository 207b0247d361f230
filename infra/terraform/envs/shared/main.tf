# What staging and production share: the image repositories and the deploy workflow's role.
provider "aws" {
  region = var.region
}

module "registry" {
  source = "../../modules/taskflow-registry"

  github_repository           = var.github_repository
  create_github_oidc_provider = var.create_github_oidc_provider
}
