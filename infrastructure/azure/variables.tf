variable "environment" {
  description = "Environment name; part of every resource name."
  type        = string

  validation {
    condition     = contains(["production", "staging"], var.environment)
    error_message = "environment must be production or staging."
  }
}

variable "location" {
  description = "Azure region. Japan East pairs with Japan West, where geo-redundant backups are kept."
  type        = string
  default     = "japaneast"
}

variable "image_tag" {
  description = "Image tag (commit SHA) of the backend and frontend images in the container registry."
  type        = string
}

variable "admin_ip_ranges" {
  description = "Public IP ranges (CIDR) from which Terraform and operators may reach Key Vault."
  type        = list(string)
}

variable "vnet_cidr" {
  description = "Address space of the VNet; the subnets are carved out of it."
  type        = string
  default     = "10.20.0.0/16"
}

variable "postgres_sku" {
  description = "SKU of the PostgreSQL flexible servers (primary and replica)."
  type        = string
  default     = "GP_Standard_D2ds_v5"
}

variable "postgres_storage_mb" {
  description = "Initial storage of each PostgreSQL server in MiB; it grows automatically."
  type        = number
  default     = 65536
}

variable "postgres_high_availability" {
  description = "Keep a zone-redundant standby of the primary server."
  type        = bool
  default     = true
}

variable "postgres_admin_user" {
  description = "Administrator login of the PostgreSQL server, used by the application."
  type        = string
  default     = "hospital_crm"
}

variable "redis_capacity" {
  description = "Size of the Standard C-family Redis cache (1 = 1 GB)."
  type        = number
  default     = 1
}

variable "backend_workers" {
  description = "uvicorn worker processes per backend replica (WEB_CONCURRENCY)."
  type        = number
  default     = 2
}

variable "min_replicas" {
  description = "Minimum replicas of each container app."
  type        = number
  default     = 2
}

variable "max_replicas" {
  description = "Maximum replicas of each container app."
  type        = number
  default     = 10
}

variable "autoscaling_cpu_target" {
  description = "Average CPU utilisation (percent) at which a container app adds replicas."
  type        = number
  default     = 70
}

variable "log_retention_days" {
  description = "Days the Log Analytics workspace keeps logs."
  type        = number
  default     = 30
}

variable "db_connections_alarm_threshold" {
  description = "Alert when the primary server has more active connections than this on average."
  type        = number
  default     = 80
}

variable "alarm_email" {
  description = "Address that receives alerts; empty for none."
  type        = string
  default     = ""
}

variable "smtp_host" {
  description = "SMTP relay host name. Empty leaves SMTP_HOST unset, and the backend sends no mail."
  type        = string
  default     = ""
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
