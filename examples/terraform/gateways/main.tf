# The gateways beside Direct Connect, against dxsim: a VPC with a virtual
# private gateway attached to it, a transit gateway, a Direct Connect gateway
# associated with both, and a private and a transit virtual interface on it.
# docs/terraform.md explains how to run it.

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

variable "location" {
  description = "Direct Connect location code (dxsim's catalog: aws directconnect describe-locations)"
  type        = string
  default     = "EqDC2"
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

  # dxsim serves these four APIs on its one endpoint.
  endpoints {
    directconnect  = var.dxsim_endpoint
    ec2            = var.dxsim_endpoint
    secretsmanager = var.dxsim_endpoint
    sts            = var.dxsim_endpoint
  }
}

resource "aws_vpc" "app" {
  cidr_block = "10.20.0.0/16"
  tags = {
    Name = "app"
  }
}

resource "aws_vpn_gateway" "app" {
  amazon_side_asn = "64512"
  tags = {
    Name = "app"
  }
}

resource "aws_vpn_gateway_attachment" "app" {
  vpc_id         = aws_vpc.app.id
  vpn_gateway_id = aws_vpn_gateway.app.id
}

resource "aws_ec2_transit_gateway" "hub" {
  amazon_side_asn = 64513
  description     = "hub"
  tags = {
    Name = "hub"
  }
}

resource "aws_dx_gateway" "core" {
  name            = "core"
  amazon_side_asn = "64600"
}

resource "aws_dx_gateway_association" "app" {
  dx_gateway_id         = aws_dx_gateway.core.id
  associated_gateway_id = aws_vpn_gateway.app.id

  depends_on = [aws_vpn_gateway_attachment.app]
}

resource "aws_dx_gateway" "transit" {
  name            = "transit"
  amazon_side_asn = "64601"
}

resource "aws_dx_gateway_association" "hub" {
  dx_gateway_id         = aws_dx_gateway.transit.id
  associated_gateway_id = aws_ec2_transit_gateway.hub.id
  allowed_prefixes      = ["10.30.0.0/16"]
}

resource "aws_dx_connection" "primary" {
  name      = "primary"
  bandwidth = "10Gbps"
  location  = var.location
}

resource "aws_dx_private_virtual_interface" "app" {
  connection_id  = aws_dx_connection.primary.id
  name           = "app"
  vlan           = 100
  address_family = "ipv4"
  bgp_asn        = 65000
  dx_gateway_id  = aws_dx_gateway.core.id
}

resource "aws_dx_transit_virtual_interface" "hub" {
  connection_id  = aws_dx_connection.primary.id
  name           = "hub"
  vlan           = 200
  address_family = "ipv4"
  bgp_asn        = 65000
  mtu            = 8500
  dx_gateway_id  = aws_dx_gateway.transit.id
}

output "vpc_id" {
  value = aws_vpc.app.id
}

output "vpn_gateway_id" {
  value = aws_vpn_gateway.app.id
}

output "transit_gateway_id" {
  value = aws_ec2_transit_gateway.hub.id
}
