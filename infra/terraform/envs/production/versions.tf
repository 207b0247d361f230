terraform {
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "6.28.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "3.6.3"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "4.0.6"
    }
  }

  # State in S3 with S3-native locking (a lock file beside the state; no DynamoDB table). The bucket is
  # created once by hand (docs/deploy.md); -backend-config="bucket=…" names it.
  backend "s3" {
    key          = "taskflow/production/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
