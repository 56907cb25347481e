# Hospital CRM on AWS: ALB -> ECS Fargate (frontend, backend) -> RDS PostgreSQL
# and ElastiCache Redis, in one VPC across two availability zones.
# Apply once per environment (production, staging) with its own state; see
# backend.tf.example and docs/operations.md.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "hospital-crm"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

# Only the zones named in var.availability_zones, so a zone AWS adds later
# never moves a subnet.
data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "zone-name"
    values = var.availability_zones
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  # scripts/deploy.sh derives the cluster, service and task definition names
  # from this prefix, so the two must change together.
  name       = "hospital-crm-${var.environment}"
  azs        = data.aws_availability_zones.available.names
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  ssm_prefix = "/hospital-crm/${var.environment}"
}

# One customer managed key encrypts the data stores, logs, parameters, images
# and alarm notifications of this environment.
resource "aws_kms_key" "main" {
  description             = "${local.name} data, logs and secrets"
  deletion_window_in_days = 30
  enable_key_rotation     = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.aws_region}.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${var.aws_region}:${local.account_id}:log-group:*"
          }
        }
      },
      {
        Sid       = "CloudWatchAlarmsToEncryptedTopic"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "main" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.main.key_id
}
