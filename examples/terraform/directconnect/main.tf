# Direct Connect against dxsim: connections, a LAG with a member, a Direct
# Connect gateway, a private virtual interface with a second BGP peer, and a
# MACsec key on a MACsec-capable connection. docs/terraform.md explains how
# to run it.

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

variable "encryption_mode" {
  description = "encryption mode of the MACsec connection (no_encrypt, should_encrypt, must_encrypt); null keeps the one it was created with"
  type        = string
  default     = null
}

provider "aws" {
  region = "us-east-1"

  # dxsim takes the account from a 12-digit access key ID; the secret is
  # not checked unless dxsim runs with --auth strict.
  access_key = "111122223333"
  secret_key = "dxsim"

  # dxsim serves Direct Connect and STS (GetCallerIdentity, from which the
  # provider learns the account for ARNs). Skip what it does not serve.
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    directconnect = var.dxsim_endpoint
    sts           = var.dxsim_endpoint
  }
}

resource "aws_dx_connection" "primary" {
  name      = "primary"
  bandwidth = "10Gbps"
  location  = var.location
  tags = {
    team = "net"
  }
}

resource "aws_dx_lag" "core" {
  name                  = "core"
  connections_bandwidth = "10Gbps"
  location              = var.location
  force_destroy         = true
}

resource "aws_dx_connection" "member" {
  name      = "member"
  bandwidth = "10Gbps"
  location  = var.location
}

resource "aws_dx_connection_association" "member" {
  connection_id = aws_dx_connection.member.id
  lag_id        = aws_dx_lag.core.id
}

resource "aws_dx_gateway" "core" {
  name            = "core"
  amazon_side_asn = "64600"
}

resource "aws_dx_private_virtual_interface" "to_vpc" {
  connection_id  = aws_dx_connection.primary.id
  name           = "to-vpc"
  vlan           = 100
  address_family = "ipv4"
  bgp_asn        = 65000
  mtu            = 9001
  dx_gateway_id  = aws_dx_gateway.core.id
  tags = {
    team = "net"
  }
}

resource "aws_dx_bgp_peer" "ipv6" {
  virtual_interface_id = aws_dx_private_virtual_interface.to_vpc.id
  address_family       = "ipv6"
  bgp_asn              = 65000
}

resource "aws_dx_connection" "secure" {
  name            = "secure"
  bandwidth       = "10Gbps"
  location        = var.location
  request_macsec  = true
  encryption_mode = var.encryption_mode
}

resource "aws_dx_macsec_key_association" "secure" {
  connection_id = aws_dx_connection.secure.id
  ckn           = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  cak           = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
}

output "connection_id" {
  value = aws_dx_connection.primary.id
}

output "virtual_interface_id" {
  value = aws_dx_private_virtual_interface.to_vpc.id
}

data "aws_dx_locations" "all" {}

data "aws_dx_location" "here" {
  location_code = var.location
}

data "aws_dx_router_configuration" "to_vpc" {
  virtual_interface_id   = aws_dx_private_virtual_interface.to_vpc.id
  router_type_identifier = "CiscoSystemsInc-2900SeriesRouters-IOS124"

  # read once both BGP peers are configured
  depends_on = [aws_dx_bgp_peer.ipv6]
}

output "location_name" {
  value = data.aws_dx_location.here.location_name
}

output "router_configuration_lines" {
  value = length(split("\n", data.aws_dx_router_configuration.to_vpc.customer_router_config))
}
