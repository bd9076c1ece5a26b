using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class WebhookThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "in_flight_window",
                table: "webhook_subscriptions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_in_flight",
                table: "webhook_subscriptions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_per_second",
                table: "webhook_subscriptions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "rate_second",
                table: "webhook_subscriptions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "rate_used",
                table: "webhook_subscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_leased",
                table: "webhook_deliveries",
                column: "subscription_id",
                filter: "status = 'Pending' AND lease_until IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_leased",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "in_flight_window",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "max_in_flight",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "max_per_second",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "rate_second",
                table: "webhook_subscriptions");

            migrationBuilder.DropColumn(
                name: "rate_used",
                table: "webhook_subscriptions");
        }
    }
}
