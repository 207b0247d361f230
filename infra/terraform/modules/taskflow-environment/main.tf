# One TaskFlow environment: network, EKS cluster, PostgreSQL, Redis, RabbitMQ, the application's secret in
# Secrets Manager and the IAM roles of its Kubernetes service accounts. Composed from terraform-aws-modules
# (pinned to exact versions); only Amazon MQ, for which no such module exists, and the secret are written here.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  name      = "taskflow-${var.environment}"
  azs       = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)
  namespace = "taskflow"
  # The Kubernetes service accounts that get an IAM role (deploy/k8s/base/config.yaml); the gateway has none.
  service_accounts = ["auth", "tasks", "notifications"]
  tags             = merge(var.tags, { Project = "taskflow", Environment = var.environment })
}

################################################################################
# Network
################################################################################

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name = local.name
  cidr = var.vpc_cidr
  azs  = local.azs

  private_subnets     = [for i, _ in local.azs : cidrsubnet(var.vpc_cidr, 4, i)]
  public_subnets      = [for i, _ in local.azs : cidrsubnet(var.vpc_cidr, 8, 48 + i)]
  database_subnets    = [for i, _ in local.azs : cidrsubnet(var.vpc_cidr, 8, 52 + i)]
  elasticache_subnets = [for i, _ in local.azs : cidrsubnet(var.vpc_cidr, 8, 56 + i)]

  create_database_subnet_group    = true
  create_elasticache_subnet_group = true

  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  # The AWS Load Balancer Controller finds its subnets by these tags.
  public_subnet_tags  = { "kubernetes.io/role/elb" = 1 }
  private_subnet_tags = { "kubernetes.io/role/internal-elb" = 1 }

  tags = local.tags
}

################################################################################
# Kubernetes
################################################################################

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  name               = local.name
  kubernetes_version = var.kubernetes_version

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  endpoint_public_access                   = true
  enable_irsa                              = true
  enable_cluster_creator_admin_permissions = true

  addons = {
    coredns                = {}
    kube-proxy             = {}
    eks-pod-identity-agent = {}
    vpc-cni                = { before_compute = true }
    # The HorizontalPodAutoscalers scale on CPU, which they read from the metrics API.
    metrics-server = {}
  }

  eks_managed_node_groups = {
    default = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.node_instance_types
      min_size       = var.node_min_size
      max_size       = var.node_max_size
      desired_size   = var.node_desired_size
    }
  }

  # The deploy workflow's role may apply manifests (kubectl) in this cluster.
  access_entries = {
    deploy = {
      principal_arn = var.deploy_role_arn
      policy_associations = {
        admin = {
          policy_arn   = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          access_scope = { type = "cluster" }
        }
      }
    }
  }

  tags = local.tags
}

# IRSA: one role per TaskFlow service account (no policies yet: the services call no AWS API), one for
# the External Secrets Operator's reader (this environment's secret only), one for the AWS Load Balancer
# Controller.
module "service_roles" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  for_each = toset(local.service_accounts)

  name            = "${local.name}-${each.key}"
  use_name_prefix = false

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["${local.namespace}:${each.key}"]
    }
  }

  tags = local.tags
}

module "secrets_reader_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name            = "${local.name}-secrets-reader"
  use_name_prefix = false

  attach_external_secrets_policy        = true
  external_secrets_secrets_manager_arns = [aws_secretsmanager_secret.app.arn]

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["${local.namespace}:secrets-reader"]
    }
  }

  tags = local.tags
}

module "load_balancer_controller_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name            = "${local.name}-load-balancer-controller"
  use_name_prefix = false

  attach_load_balancer_controller_policy = true

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = ["kube-system:aws-load-balancer-controller"]
    }
  }

  tags = local.tags
}
