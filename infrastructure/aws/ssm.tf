# Every secret the backend reads, as SecureString parameters under
# /hospital-crm/<environment>/. The task's execution role resolves them into
# environment variables when a task starts.
#
# NOTE: values generated here are also in the Terraform state, so the state
# bucket must be encrypted and readable only by the people who may read
# patient data (backend.tf.example).

resource "random_password" "jwt_secret" {
  length  = 64
  special = false
}

resource "random_password" "jwt_refresh_secret" {
  length  = 64
  special = false
}

# 32 random bytes for AES-256, written as the 64 hex characters ENCRYPTION_KEY
# accepts.
resource "random_id" "encryption_key" {
  byte_length = 32
}

locals {
  database_url      = "postgresql://${var.db_username}:${random_password.db.result}@${aws_db_instance.main.address}:5432/hospital_crm?ssl=require"
  database_read_url = "postgresql://${var.db_username}:${random_password.db.result}@${aws_db_instance.replica.address}:5432/hospital_crm?ssl=require"
  redis_url         = "rediss://:${random_password.redis_auth.result}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379/0"

  generated_parameters = {
    "database-url"       = { variable = "DATABASE_URL", value = local.database_url }
    "database-read-url"  = { variable = "DATABASE_READ_URL", value = local.database_read_url }
    "redis-url"          = { variable = "REDIS_URL", value = local.redis_url }
    "jwt-secret"         = { variable = "JWT_SECRET", value = random_password.jwt_secret.result }
    "jwt-refresh-secret" = { variable = "JWT_REFRESH_SECRET", value = random_password.jwt_refresh_secret.result }
    "encryption-key"     = { variable = "ENCRYPTION_KEY", value = random_id.encryption_key.hex }
    "s3-bucket-name"     = { variable = "S3_BUCKET_NAME", value = aws_s3_bucket.documents.id }
  }

  # Values the operator supplies: the mail provider's, and the old encryption
  # keys during a key rotation. A parameter exists only while its variable is
  # set; without SMTP_HOST the backend sends no mail.
  operator_parameters = {
    for name, parameter in {
      "smtp-host"     = { variable = "SMTP_HOST", value = var.smtp_host, set = var.smtp_host != "" }
      "smtp-user"     = { variable = "SMTP_USER", value = var.smtp_user, set = var.smtp_user != "" }
      "smtp-password" = { variable = "SMTP_PASSWORD", value = var.smtp_password, set = nonsensitive(var.smtp_password != "") }
      "smtp-from"     = { variable = "SMTP_FROM", value = var.smtp_from, set = var.smtp_from != "" }
      "encryption-keys-previous" = {
        variable = "ENCRYPTION_KEYS_PREVIOUS"
        value    = join(",", var.previous_encryption_keys)
        set      = nonsensitive(length(var.previous_encryption_keys) > 0)
      }
    } : name => parameter if parameter.set
  }

  backend_secret_parameters = merge(
    { for name, parameter in aws_ssm_parameter.generated : local.generated_parameters[name].variable => parameter },
    { for name, parameter in aws_ssm_parameter.operator : local.operator_parameters[name].variable => parameter },
  )
}

resource "aws_ssm_parameter" "generated" {
  for_each = local.generated_parameters

  name   = "${local.ssm_prefix}/${each.key}"
  type   = "SecureString"
  key_id = aws_kms_key.main.arn
  value  = each.value.value
}

resource "aws_ssm_parameter" "operator" {
  for_each = local.operator_parameters

  name   = "${local.ssm_prefix}/${each.key}"
  type   = "SecureString"
  key_id = aws_kms_key.main.arn
  value  = each.value.value
}
