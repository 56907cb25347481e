# Secrets the backend reads. The container apps reference them by Key Vault
# URL through their managed identity, so no secret value is stored in the app
# configuration.
#
# NOTE: generated values are also in the Terraform state; keep the state
# storage account private and encrypted (backend.tf.example).

resource "azurerm_key_vault" "main" {
  #checkov:skip=CKV_AZURE_189:Terraform writes the secrets from the operator addresses in network_acls; apps use the private endpoint.
  name                = "${local.compact_name}kv"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"

  enable_rbac_authorization  = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 90

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = var.admin_ip_ranges
  }

  tags = local.tags
}

# The identity running Terraform writes the secrets.
resource "azurerm_role_assignment" "terraform_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.current.object_id
}

resource "azurerm_private_endpoint" "key_vault" {
  name                = "${local.name}-kv"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "key-vault"
    private_connection_resource_id = azurerm_key_vault.main.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "key-vault"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["keyvault"].id]
  }
}

resource "random_password" "jwt_secret" {
  length  = 64
  special = false
}

resource "random_password" "jwt_refresh_secret" {
  length  = 64
  special = false
}

# 32 random bytes for AES-256, as the 64 hex characters ENCRYPTION_KEY accepts.
resource "random_id" "encryption_key" {
  byte_length = 32
}

locals {
  postgres_user = var.postgres_admin_user
  postgres_host = azurerm_postgresql_flexible_server.main.fqdn
  redis_host    = azurerm_redis_cache.main.hostname

  generated_secrets = {
    "database-url"       = { variable = "DATABASE_URL", value = "postgresql://${local.postgres_user}:${random_password.postgres.result}@${local.postgres_host}:5432/hospital_crm?ssl=require" }
    "database-read-url"  = { variable = "DATABASE_READ_URL", value = "postgresql://${local.postgres_user}:${random_password.postgres.result}@${azurerm_postgresql_flexible_server.replica.fqdn}:5432/hospital_crm?ssl=require" }
    "redis-url"          = { variable = "REDIS_URL", value = "rediss://:${azurerm_redis_cache.main.primary_access_key}@${local.redis_host}:${azurerm_redis_cache.main.ssl_port}/0" }
    "jwt-secret"         = { variable = "JWT_SECRET", value = random_password.jwt_secret.result }
    "jwt-refresh-secret" = { variable = "JWT_REFRESH_SECRET", value = random_password.jwt_refresh_secret.result }
    "encryption-key"     = { variable = "ENCRYPTION_KEY", value = random_id.encryption_key.hex }
  }

  # A secret exists only when its variable is set; without SMTP_HOST the
  # backend sends no mail.
  operator_secrets = {
    for name, secret in {
      "smtp-host"     = { variable = "SMTP_HOST", value = var.smtp_host, set = var.smtp_host != "" }
      "smtp-user"     = { variable = "SMTP_USER", value = var.smtp_user, set = var.smtp_user != "" }
      "smtp-password" = { variable = "SMTP_PASSWORD", value = var.smtp_password, set = nonsensitive(var.smtp_password != "") }
      "smtp-from"     = { variable = "SMTP_FROM", value = var.smtp_from, set = var.smtp_from != "" }
    } : name => secret if secret.set
  }

  backend_secrets = merge(local.generated_secrets, local.operator_secrets)
}

resource "azurerm_key_vault_secret" "backend" {
  #checkov:skip=CKV_AZURE_41:An expired secret cannot be read, which would stop every new replica; rotation is a runbook step.
  for_each = local.backend_secrets

  name         = each.key
  value        = each.value.value
  key_vault_id = azurerm_key_vault.main.id
  content_type = "text/plain"

  depends_on = [azurerm_role_assignment.terraform_secrets]
}
