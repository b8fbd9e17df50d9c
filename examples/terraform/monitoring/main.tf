# CloudWatch against dxsim: an alarm on a dedicated connection's
# ConnectionState, the alarm most Direct Connect setups have. dxsim derives
# AWS/DX metrics from its simulated world, so the alarm goes to ALARM when
# the connection's link goes down (`dxsim admin link down ID`, then let the
# clock run or `dxsim admin clock advance 5m`). docs/terraform.md explains
# how to run it.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

variable "dxsim_endpoint" {
  description = "URL of the dxsim server"
  type        = string
  default     = "http://127.0.0.1:4599"
}

provider "aws" {
  region = "us-east-1"

  # dxsim takes the account from a 12-digit access key ID; the secret is
  # not checked unless dxsim runs with --auth strict.
  access_key = "111122223333"
  secret_key = "dxsim"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  # "cloudwatch" is the endpoint of the CloudWatch API, which the provider
  # calls monitoring's.
  endpoints {
    cloudwatch    = var.dxsim_endpoint
    directconnect = var.dxsim_endpoint
    sts           = var.dxsim_endpoint
  }
}

resource "aws_dx_connection" "primary" {
  name      = "primary"
  bandwidth = "10Gbps"
  location  = "EqDC2"
}

# ALARM when the connection has been down for a minute: ConnectionState is
# 1 while the connection is up and 0 while it is down.
resource "aws_cloudwatch_metric_alarm" "primary_down" {
  alarm_name          = "dx-${aws_dx_connection.primary.id}-down"
  alarm_description   = "Direct Connect connection ${aws_dx_connection.primary.name} is down"
  namespace           = "AWS/DX"
  metric_name         = "ConnectionState"
  dimensions          = { ConnectionId = aws_dx_connection.primary.id }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = ["arn:aws:sns:us-east-1:111122223333:dx-oncall"]
  tags = {
    team = "net"
  }
}

output "connection_id" {
  value = aws_dx_connection.primary.id
}

output "alarm_arn" {
  value = aws_cloudwatch_metric_alarm.primary_down.arn
}
