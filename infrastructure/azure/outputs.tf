output "frontend_url" {
  description = "Public address of the web app; point the hospital's host name at it with a CNAME."
  value       = "https://${azurerm_container_app.frontend.ingress[0].fqdn}"
}

output "container_registry" {
  description = "Login server to push hospital-crm-backend and hospital-crm-frontend images to."
  value       = azurerm_container_registry.main.login_server
}

output "migrate_job_name" {
  description = "Start with: az containerapp job start --name <this> --resource-group <resource_group>."
  value       = azurerm_container_app_job.migrate.name
}

output "resource_group" {
  description = "Resource group of every resource."
  value       = azurerm_resource_group.main.name
}

output "key_vault_name" {
  description = "Key Vault holding the backend's secrets."
  value       = azurerm_key_vault.main.name
}

output "postgres_fqdn" {
  description = "Private host name of the primary PostgreSQL server."
  value       = azurerm_postgresql_flexible_server.main.fqdn
}
