# Hospital CRM on Azure: Azure Container Apps (frontend with public ingress,
# backend with internal ingress) -> Azure Database for PostgreSQL flexible
# server and Azure Cache for Redis, all inside one VNet, with secrets in Key
# Vault and logs in Log Analytics.
#
# Container Apps rather than Container Instances: Container Apps has managed
# HTTPS ingress with internal-only apps, revisions that shift traffic and roll
# back, health probes, and replica scaling on CPU or HTTP load. Container
# Instances would need a separate Application Gateway for all of that and
# cannot scale by itself.

terraform {
  required_version = ">= 1.5"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
  }
}

data "azurerm_client_config" "current" {}

locals {
  name = "hospital-crm-${var.environment}"
  # Key Vault, registry and server names are global and limited in length and
  # characters.
  compact_name = "hcrm${substr(var.environment, 0, 4)}${random_string.suffix.result}"
  tags = {
    project     = "hospital-crm"
    environment = var.environment
    managed_by  = "terraform"
  }
}

resource "random_string" "suffix" {
  length  = 6
  special = false
  upper   = false
}

resource "azurerm_resource_group" "main" {
  name     = "${local.name}-rg"
  location = var.location
  tags     = local.tags
}
