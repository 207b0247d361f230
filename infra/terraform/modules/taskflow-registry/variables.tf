variable "github_repository" {
  description = "The GitHub repository (owner/name) whose workflows may assume the deploy role."
  type        = string
}

variable "deploy_environments" {
  description = "GitHub environments whose jobs may assume the deploy role (the deploy workflow's staging and production jobs)."
  type        = list(string)
  default     = ["staging", "production"]
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC identity provider (false when the account already has one)."
  type        = bool
  default     = true
}

variable "image_retention_count" {
  description = "How many images each repository keeps (older ones expire; rollbacks reach this far back)."
  type        = number
  default     = 50
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
