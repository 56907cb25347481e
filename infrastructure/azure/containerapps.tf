resource "azurerm_container_app_environment" "main" {
  name                       = "${local.name}-apps"
  location                   = azurerm_resource_group.main.location
  resource_group_name        = azurerm_resource_group.main.name
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  infrastructure_subnet_id   = azurerm_subnet.apps.id
  zone_redundancy_enabled    = true
  tags                       = local.tags

  workload_profile {
    name                  = "Consumption"
    workload_profile_type = "Consumption"
  }
}

locals {
  backend_app_name  = "${local.name}-backend"
  registry_server   = azurerm_container_registry.main.login_server
  scale_cpu_percent = tostring(var.autoscaling_cpu_target)
}

resource "azurerm_container_app" "backend" {
  name                         = local.backend_app_name
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"
  workload_profile_name        = "Consumption"
  tags                         = local.tags

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.apps.id]
  }

  registry {
    server   = local.registry_server
    identity = azurerm_user_assigned_identity.apps.id
  }

  dynamic "secret" {
    for_each = local.backend_secrets

    content {
      name                = secret.key
      key_vault_secret_id = azurerm_key_vault_secret.backend[secret.key].versionless_id
      identity            = azurerm_user_assigned_identity.apps.id
    }
  }

  # Reachable only inside the environment: the frontend's nginx proxies /api
  # and /health to it by app name.
  ingress {
    external_enabled           = false
    target_port                = 3001
    transport                  = "http"
    allow_insecure_connections = true

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    min_replicas = var.min_replicas
    max_replicas = var.max_replicas

    custom_scale_rule {
      name             = "cpu"
      custom_rule_type = "cpu"
      metadata = {
        type  = "Utilization"
        value = local.scale_cpu_percent
      }
    }

    container {
      name   = "backend"
      image  = "${local.registry_server}/hospital-crm-backend:${var.image_tag}"
      cpu    = 1.0
      memory = "2Gi"

      env {
        name  = "APP_ENV"
        value = var.environment
      }

      env {
        name  = "WEB_CONCURRENCY"
        value = tostring(var.backend_workers)
      }

      # The environment's ingress proxies sit in the apps subnet.
      env {
        name  = "TRUSTED_PROXIES"
        value = azurerm_subnet.apps.address_prefixes[0]
      }

      dynamic "env" {
        for_each = local.backend_secrets

        content {
          name        = env.value.variable
          secret_name = env.key
        }
      }

      liveness_probe {
        transport = "HTTP"
        port      = 3001
        path      = "/health/live"
      }

      readiness_probe {
        transport = "HTTP"
        port      = 3001
        path      = "/health/ready"
      }
    }
  }

  depends_on = [azurerm_role_assignment.apps_pull, azurerm_role_assignment.apps_secrets]
}

# `hospital-crm migrate` as a manually started job; run it before each new
# backend revision (docs/operations.md).
resource "azurerm_container_app_job" "migrate" {
  name                         = "${local.name}-migrate"
  location                     = azurerm_resource_group.main.location
  resource_group_name          = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  workload_profile_name        = "Consumption"
  replica_timeout_in_seconds   = 1800
  replica_retry_limit          = 0
  tags                         = local.tags

  manual_trigger_config {
    parallelism              = 1
    replica_completion_count = 1
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.apps.id]
  }

  registry {
    server   = local.registry_server
    identity = azurerm_user_assigned_identity.apps.id
  }

  dynamic "secret" {
    for_each = local.backend_secrets

    content {
      name                = secret.key
      key_vault_secret_id = azurerm_key_vault_secret.backend[secret.key].versionless_id
      identity            = azurerm_user_assigned_identity.apps.id
    }
  }

  template {
    container {
      name    = "migrate"
      image   = "${local.registry_server}/hospital-crm-backend:${var.image_tag}"
      command = ["hospital-crm", "migrate"]
      cpu     = 0.5
      memory  = "1Gi"

      env {
        name  = "APP_ENV"
        value = var.environment
      }

      dynamic "env" {
        for_each = local.backend_secrets

        content {
          name        = env.value.variable
          secret_name = env.key
        }
      }
    }
  }

  depends_on = [azurerm_role_assignment.apps_pull, azurerm_role_assignment.apps_secrets]
}

resource "azurerm_container_app" "frontend" {
  name                         = "${local.name}-frontend"
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"
  workload_profile_name        = "Consumption"
  tags                         = local.tags

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.apps.id]
  }

  registry {
    server   = local.registry_server
    identity = azurerm_user_assigned_identity.apps.id
  }

  # Public HTTPS ingress; HTTP is redirected. The ingress sets
  # X-Forwarded-Proto, so nginx sends HSTS.
  # NOTE: a custom domain and its managed certificate are bound outside this
  # configuration (docs/operations.md).
  ingress {
    external_enabled           = true
    target_port                = 3000
    transport                  = "http"
    allow_insecure_connections = false

    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }

  template {
    min_replicas = var.min_replicas
    max_replicas = var.max_replicas

    custom_scale_rule {
      name             = "cpu"
      custom_rule_type = "cpu"
      metadata = {
        type  = "Utilization"
        value = local.scale_cpu_percent
      }
    }

    container {
      name   = "frontend"
      image  = "${local.registry_server}/hospital-crm-frontend:${var.image_tag}"
      cpu    = 0.25
      memory = "0.5Gi"

      # Apps in one environment reach each other by name through the
      # environment's internal ingress on port 80.
      env {
        name  = "BACKEND_UPSTREAM"
        value = local.backend_app_name
      }

      liveness_probe {
        transport = "HTTP"
        port      = 3000
        path      = "/index.html"
      }

      readiness_probe {
        transport = "HTTP"
        port      = 3000
        path      = "/index.html"
      }
    }
  }

  depends_on = [azurerm_role_assignment.apps_pull]
}
