resource "aws_db_subnet_group" "main" {
  name       = "${local.name}-db"
  subnet_ids = aws_subnet.private[*].id
}

resource "random_password" "db" {
  # Letters and digits only, so the password needs no escaping inside
  # DATABASE_URL. 40 of them carry about 238 bits.
  length  = 40
  special = false
}

resource "aws_db_parameter_group" "postgres15" {
  name   = "${local.name}-postgres15"
  family = "postgres15"

  # Connections without TLS are refused.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Slow statements (over 1 s) and schema changes are logged. Bind parameters
  # are not, because they carry patient data.
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_parameter_max_length"
    value = "0"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  # RDS storage is SSD: with the default 4 the planner scans whole tables where an
  # index lookup is faster (patient search p95 fell from 262 to 73 ms on 100,000
  # patients, docs/benchmarks.md).
  parameter {
    name  = "random_page_cost"
    value = "1.1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }
}

resource "aws_db_instance" "main" {
  identifier     = "${local.name}-db"
  engine         = "postgres"
  engine_version = var.postgres_engine_version
  instance_class = var.db_instance_class

  allocated_storage     = var.db_allocated_storage_gb
  max_allocated_storage = var.db_max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.main.arn

  db_name  = "hospital_crm"
  username = var.db_username
  password = random_password.db.result
  port     = 5432

  multi_az               = var.db_multi_az
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.rds.id]
  parameter_group_name   = aws_db_parameter_group.postgres15.name
  publicly_accessible    = false
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  iam_database_authentication_enabled = true
  auto_minor_version_upgrade          = true
  allow_major_version_upgrade         = false

  backup_retention_period = 7
  backup_window           = "18:00-19:00" # 03:00-04:00 JST
  maintenance_window      = "sun:19:00-sun:20:00"
  copy_tags_to_snapshot   = true
  deletion_protection     = true
  skip_final_snapshot     = false
  # NOTE: a fixed name, so destroying a second environment with the same
  # name fails until the earlier final snapshot is deleted or renamed.
  final_snapshot_identifier = "${local.name}-db-final"

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.main.arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.rds_monitoring.arn
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
}

# Read-only queries (lists, search, dashboards) go here through
# DATABASE_READ_URL.
resource "aws_db_instance" "replica" {
  #checkov:skip=CKV_AWS_157:A replica in a second zone is itself the standby for reads; the primary is Multi-AZ.
  #checkov:skip=CKV_AWS_133:The primary's backups cover the data; a lost replica is rebuilt from the primary.
  identifier          = "${local.name}-db-replica"
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = var.db_replica_instance_class

  storage_type      = "gp3"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.main.arn

  vpc_security_group_ids = [aws_security_group.rds.id]
  parameter_group_name   = aws_db_parameter_group.postgres15.name
  publicly_accessible    = false
  ca_cert_identifier     = "rds-ca-rsa2048-g1"
  availability_zone      = local.azs[1]

  iam_database_authentication_enabled = true
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  backup_retention_period             = 0
  skip_final_snapshot                 = true

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.main.arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.rds_monitoring.arn
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
}
