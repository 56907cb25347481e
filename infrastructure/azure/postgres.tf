resource "random_password" "postgres" {
  # Letters and digits only, so the password needs no escaping in DATABASE_URL.
  length  = 40
  special = false
}

resource "azurerm_postgresql_flexible_server" "main" {
  #checkov:skip=CKV2_AZURE_57:VNet integration (delegated subnet) gives the server only a private address; Azure offers private endpoints only to servers in public access mode.
  name                = "${local.compact_name}-pg"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  version             = "15"
  sku_name            = var.postgres_sku
  storage_mb          = var.postgres_storage_mb
  auto_grow_enabled   = true
  zone                = "1"

  administrator_login    = local.postgres_user
  administrator_password = random_password.postgres.result

  # VNet integration: the server has only a private address in its subnet.
  delegated_subnet_id           = azurerm_subnet.postgres.id
  private_dns_zone_id           = azurerm_private_dns_zone.zones["postgres"].id
  public_network_access_enabled = false

  backup_retention_days        = 7
  geo_redundant_backup_enabled = true

  dynamic "high_availability" {
    for_each = var.postgres_high_availability ? [1] : []

    content {
      mode                      = "ZoneRedundant"
      standby_availability_zone = "2"
    }
  }

  tags       = local.tags
  depends_on = [azurerm_private_dns_zone_virtual_network_link.zones]

  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_postgresql_flexible_server_database" "app" {
  name      = "hospital_crm"
  server_id = azurerm_postgresql_flexible_server.main.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}

# TLS is required for every connection (the server default, pinned here), and
# statements slower than 1 s are logged without their bind parameters, which
# carry patient data.
resource "azurerm_postgresql_flexible_server_configuration" "settings" {
  for_each = {
    require_secure_transport   = "on"
    log_min_duration_statement = "1000"
    log_parameter_max_length   = "0"
    log_connections            = "on"
    log_disconnections         = "on"
  }

  name      = each.key
  server_id = azurerm_postgresql_flexible_server.main.id
  value     = each.value
}

# Read-only queries go here through DATABASE_READ_URL.
resource "azurerm_postgresql_flexible_server" "replica" {
  #checkov:skip=CKV_AZURE_136:Replicas have no backups of their own; the primary's are geo-redundant.
  #checkov:skip=CKV2_AZURE_57:VNet-integrated like the primary; Azure offers private endpoints only in public access mode.
  name                = "${local.compact_name}-pg-replica"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  version             = "15"
  sku_name            = var.postgres_sku
  storage_mb          = var.postgres_storage_mb
  auto_grow_enabled   = true
  zone                = "2"

  create_mode      = "Replica"
  source_server_id = azurerm_postgresql_flexible_server.main.id

  delegated_subnet_id           = azurerm_subnet.postgres.id
  private_dns_zone_id           = azurerm_private_dns_zone.zones["postgres"].id
  public_network_access_enabled = false

  tags = local.tags

  depends_on = [azurerm_postgresql_flexible_server_configuration.settings]
}
