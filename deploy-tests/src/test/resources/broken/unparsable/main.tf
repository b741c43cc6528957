resource "aws_eip" "edge" {
  domain =
}
