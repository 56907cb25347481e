# Images are pushed here by CI and pulled by the container apps through their
# managed identity; the registry has no admin user.
resource "azurerm_container_registry" "main" {
  #checkov:skip=CKV_AZURE_139:CI pushes from GitHub-hosted runners, outside the VNet; pulls use the private endpoint.
  #checkov:skip=CKV_AZURE_165:One region; images are rebuilt from git if the region is lost.
  #checkov:skip=CKV_AZURE_166:Quarantine needs an external scanner to release images; CI scans before pushing.
  #checkov:skip=CKV_AZURE_163:Vulnerability scanning is Microsoft Defender for Containers, enabled per subscription.
  #checkov:skip=CKV_AZURE_164:Content trust signing is not set up in CI yet.
  #checkov:skip=CKV_AZURE_233:Zone redundancy is not offered in every region; enable it with the region's support.
  #checkov:skip=CKV_AZURE_237:Dedicated data endpoints only matter with firewall rules on the client side.
  name                = "${local.compact_name}acr"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "Premium"
  admin_enabled       = false

  retention_policy_in_days = 30

  tags = local.tags
}

resource "azurerm_private_endpoint" "registry" {
  name                = "${local.name}-acr"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  subnet_id           = azurerm_subnet.private_endpoints.id
  tags                = local.tags

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.main.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "registry"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["registry"].id]
  }
}

# The container apps run as this identity: it may pull images and read the
# backend's secrets, nothing else.
resource "azurerm_user_assigned_identity" "apps" {
  name                = "${local.name}-apps"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  tags                = local.tags
}

resource "azurerm_role_assignment" "apps_pull" {
  scope                = azurerm_container_registry.main.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_user_assigned_identity.apps.principal_id
}

resource "azurerm_role_assignment" "apps_secrets" {
  scope                = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.apps.principal_id
}
