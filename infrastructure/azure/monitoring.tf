resource "azurerm_log_analytics_workspace" "main" {
  name                = "${local.name}-logs"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = local.tags
}

# NOTE: the backend sends no telemetry to Application Insights yet (it has no
# Azure Monitor exporter); the container apps' console logs reach the Log
# Analytics workspace above. The resource is here so that an exporter only
# needs APPLICATIONINSIGHTS_CONNECTION_STRING.
resource "azurerm_application_insights" "main" {
  name                          = "${local.name}-insights"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  workspace_id                  = azurerm_log_analytics_workspace.main.id
  application_type              = "web"
  local_authentication_disabled = true
  internet_ingestion_enabled    = true
  internet_query_enabled        = false
  tags                          = local.tags
}

resource "azurerm_monitor_action_group" "alarms" {
  name                = "${local.name}-alarms"
  resource_group_name = azurerm_resource_group.main.name
  short_name          = "hcrm-alarm"
  tags                = local.tags

  dynamic "email_receiver" {
    for_each = var.alarm_email != "" ? [var.alarm_email] : []

    content {
      name          = "on-call"
      email_address = email_receiver.value
    }
  }
}

resource "azurerm_monitor_metric_alert" "postgres_connections" {
  name                = "${local.name}-db-connections-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [azurerm_postgresql_flexible_server.main.id]
  description         = "PostgreSQL active connections above ${var.db_connections_alarm_threshold} for 10 minutes."
  frequency           = "PT5M"
  window_size         = "PT15M"
  tags                = local.tags

  criteria {
    metric_namespace = "Microsoft.DBforPostgreSQL/flexibleServers"
    metric_name      = "active_connections"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = var.db_connections_alarm_threshold
  }

  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
}

resource "azurerm_monitor_metric_alert" "app_cpu" {
  for_each = {
    backend  = azurerm_container_app.backend.id
    frontend = azurerm_container_app.frontend.id
  }

  name                = "${local.name}-${each.key}-cpu-high"
  resource_group_name = azurerm_resource_group.main.name
  scopes              = [each.value]
  description         = "CPU of the ${each.key} app above 0.8 cores per replica on average for 15 minutes."
  frequency           = "PT5M"
  window_size         = "PT15M"
  tags                = local.tags

  criteria {
    metric_namespace = "Microsoft.App/containerApps"
    metric_name      = "UsageNanoCores"
    aggregation      = "Average"
    operator         = "GreaterThan"
    threshold        = 800000000
  }

  action {
    action_group_id = azurerm_monitor_action_group.alarms.id
  }
}
