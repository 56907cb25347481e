# Azure Cache for Redis offers Redis 6 at most; the backend needs nothing
# newer. TLS only (port 6380), reachable only through its private endpoint.
resource "azurerm_redis_cache" "main" {
  name                = "${local.compact_name}-redis"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku_name            = "Standard"
  family              = "C"
  capacity            = var.redis_capacity
  redis_version       = "6"

  non_ssl_port_enabled          = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  redis_configuration {
    authentication_enabled = true
  }

  tags = local.tags
}

resource "azurerm_private_endpoint" "redis" {
  name                = "${local.name}-redis"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "redis"
    private_connection_resource_id = azurerm_redis_cache.main.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "redis"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["redis"].id]
  }
}
