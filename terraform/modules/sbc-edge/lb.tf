# Devices reach any edge over WSS through this load balancer; it holds the
# certificate, so no private key ever sits on an edge. A device's WebSocket
# stays on the edge it landed on for the life of the TCP connection.
resource "aws_lb" "wss" {
  name                             = "${var.name}-wss"
  load_balancer_type               = "network"
  subnets                          = var.public_subnet_ids
  security_groups                  = [aws_security_group.lb.id]
  enable_cross_zone_load_balancing = true
  tags                             = var.tags
}

resource "aws_lb_target_group" "ws" {
  name_prefix          = "ws-"
  port                 = var.ws_port
  protocol             = "TCP"
  vpc_id               = var.vpc_id
  deregistration_delay = 120

  health_check {
    protocol            = "HTTP"
    port                = tostring(var.observe_port)
    path                = var.health_check_path
    interval            = 10
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "wss" {
  load_balancer_arn = aws_lb.wss.arn
  port              = 443
  protocol          = "TLS"
  certificate_arn   = var.wss_certificate_arn
  ssl_policy        = var.wss_ssl_policy

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ws.arn
  }

  tags = var.tags
}
