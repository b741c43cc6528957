resource "aws_launch_template" "edge" {
  user_data = base64encode(templatefile("${path.module}/user-data.sh.tftpl", {
    region = "eu-west-1"
    config = { "edge.node-id" = "edge-0" }
    unused = 1
  }))
}
