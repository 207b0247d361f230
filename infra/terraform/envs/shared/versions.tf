terraform {
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "6.28.0"
    }

  }

  # State in S3 with S3-native locking (a lock file beside the state; no DynamoDB table). The bucket is
  # created once by hand (docs/deploy.md); -backend-config="bucket=…" names it.
  backend "s3" {
    key          = "taskflow/shared/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
