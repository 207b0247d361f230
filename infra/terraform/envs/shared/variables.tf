variable "region" {
  description = "AWS region of the image repositories (the same as the environments')."
  type        = string
  default     = "eu-west-1"
}

variable "github_repository" {
  description = "The GitHub repository (owner/name) that builds and deploys TaskFlow."
  type        = string
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC identity provider (false when the account already has one)."
  type        = bool
  default     = true
}
