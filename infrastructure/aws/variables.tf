variable "aws_region" {
  description = "AWS region of every resource."
  type        = string
  default     = "ap-northeast-1"
}

variable "environment" {
  description = "Environment name; part of every resource name and of the SSM path /hospital-crm/<environment>/."
  type        = string

  validation {
    condition     = contains(["production", "staging"], var.environment)
    error_message = "environment must be production or staging."
  }
}

variable "domain_name" {
  description = "Host name users open, such as crm.example-hospital.jp. Its DNS record must point at the ALB (output alb_dns_name)."
  type        = string
}

variable "acm_certificate_arn" {
  description = "ARN of the ACM certificate for domain_name, in aws_region."
  type        = string
}

variable "image_tag" {
  description = "Image tag (commit SHA) for the task definitions Terraform registers. Later deploys register their own revisions with scripts/deploy.sh."
  type        = string
}

variable "github_repository" {
  description = "GitHub repository, as owner/name, whose deploy workflow may assume the deploy role."
  type        = string
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC provider. An account has at most one, so set false for the second environment in the same account."
  type        = bool
  default     = true
}

variable "availability_zones" {
  description = "The two availability zones for the subnets. In ap-northeast-1, new accounts get 1a, 1c and 1d."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c"]

  validation {
    condition     = length(var.availability_zones) == 2
    error_message = "availability_zones must name exactly two zones."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC; subnets are /24 blocks inside it."
  type        = string
  default     = "10.0.0.0/16"
}

variable "single_nat_gateway" {
  description = "Use one NAT gateway for both zones instead of one per zone (cheaper, but a zone outage cuts the other zone's outbound traffic)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the ALB from deletion. RDS instances are always protected."
  type        = bool
  default     = true
}

variable "enable_execute_command" {
  description = "Allow `aws ecs execute-command` into backend tasks (for interactive administration). Turn it off again afterwards."
  type        = bool
  default     = false
}

variable "backend_cpu" {
  description = "CPU units of a backend task (1024 = 1 vCPU)."
  type        = number
  default     = 512
}

variable "backend_memory" {
  description = "Memory of a backend task in MiB."
  type        = number
  default     = 1024
}

variable "backend_workers" {
  description = "uvicorn worker processes per backend task (WEB_CONCURRENCY)."
  type        = number
  default     = 2
}

variable "frontend_cpu" {
  description = "CPU units of a frontend task (1024 = 1 vCPU)."
  type        = number
  default     = 256
}

variable "frontend_memory" {
  description = "Memory of a frontend task in MiB."
  type        = number
  default     = 512
}

variable "min_tasks" {
  description = "Minimum number of tasks of each service."
  type        = number
  default     = 2
}

variable "max_tasks" {
  description = "Maximum number of tasks of each service."
  type        = number
  default     = 10
}

variable "autoscaling_cpu_target" {
  description = "Average CPU utilisation (percent) that auto scaling keeps each service at."
  type        = number
  default     = 70
}

variable "ecr_images_to_keep" {
  description = "Images kept per ECR repository; older ones are deleted."
  type        = number
  default     = 50
}

variable "postgres_engine_version" {
  description = "PostgreSQL engine version; a major version alone lets RDS pick and upgrade the minor version."
  type        = string
  default     = "15"
}

variable "db_instance_class" {
  description = "Instance class of the primary database."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_replica_instance_class" {
  description = "Instance class of the read replica."
  type        = string
  default     = "db.t4g.medium"
}

variable "db_allocated_storage_gb" {
  description = "Initial database storage in GiB."
  type        = number
  default     = 50
}

variable "db_max_allocated_storage_gb" {
  description = "Upper limit in GiB for RDS storage autoscaling."
  type        = number
  default     = 200
}

variable "db_multi_az" {
  description = "Keep a synchronous standby of the primary database in the second zone."
  type        = bool
  default     = true
}

variable "db_username" {
  description = "Master user name of the database, used by the application."
  type        = string
  default     = "hospital_crm"
}

variable "db_connections_alarm_threshold" {
  description = "Alarm when the primary database has more connections than this on average for 10 minutes."
  type        = number
  default     = 80
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"
}

variable "smtp_host" {
  description = "SMTP relay host name. Empty leaves SMTP_HOST unset, and the backend sends no mail."
  type        = string
  default     = ""
}

variable "smtp_port" {
  description = "SMTP submission port (STARTTLS)."
  type        = number
  default     = 587
}

variable "smtp_user" {
  description = "SMTP user name."
  type        = string
  default     = ""
}

variable "smtp_password" {
  description = "SMTP password."
  type        = string
  default     = ""
  sensitive   = true
}

variable "smtp_from" {
  description = "Sender address of the mail the backend sends."
  type        = string
  default     = ""
}

variable "previous_encryption_keys" {
  description = "Old ENCRYPTION_KEY values, only while `hospital-crm rotate-key` re-encrypts the data (docs/operations.md, Secret rotation)."
  type        = list(string)
  default     = []
  sensitive   = true
}

variable "alarm_email" {
  description = "Address subscribed to the alarm topic; empty for none. AWS sends it a confirmation mail first."
  type        = string
  default     = ""
}

variable "waf_requests_per_5_minutes_per_ip" {
  description = "Requests one client IP address may send in 5 minutes before AWS WAF blocks it."
  type        = number
  default     = 2000
}

variable "app_log_retention_days" {
  description = "Days CloudWatch keeps the backend and frontend logs."
  type        = number
  default     = 30
}

variable "access_log_retention_days" {
  description = "Days the ALB and S3 access logs are kept."
  type        = number
  default     = 365
}

variable "documents_noncurrent_version_days" {
  description = "Days a replaced or deleted document remains recoverable as a noncurrent version."
  type        = number
  default     = 365
}

variable "backup_retention_days" {
  description = "Days a database dump uploaded by scripts/backup.sh is kept in the backups bucket."
  type        = number
  default     = 365
}
