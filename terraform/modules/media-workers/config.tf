locals {
  # Service configuration keyed by the Helidon config keys the worker reads; the
  # user data turns each key into the environment variable Helidon maps back to
  # it.
  media_config = {
    "media.bind-address"      = "0.0.0.0"
    "media.pbx-port-range"    = "${var.pbx_port_range.from}-${var.pbx_port_range.to}"
    "media.device-port-range" = "${var.device_port_range.from}-${var.device_port_range.to}"
    "media.control.port"      = var.control_port
    "observe.port"            = var.observe_port
    "redis.cluster"           = var.redis_cluster
  }

  # Keys whose values only the instance knows, read from instance metadata at
  # boot (key => metadata path): the public IP put in SDP and ICE candidates,
  # the instance id as the worker's unique registry id, and the private IP the
  # control API binds, so its URL in the registry is one the edges reach
  # inside the VPC (their security group is the only one admitted).
  instance_config = {
    "media.advertised-address"   = "public-ipv4"
    "media.worker-id"            = "instance-id"
    "media.control.bind-address" = "local-ipv4"
  }

  media_secrets = {
    "redis.uri" = var.redis_uri_secret_arn
  }

  registry = split("/", var.image)[0]
}
