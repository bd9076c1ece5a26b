using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class SlackEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "signing_secret_ciphertext",
                table: "app_clients",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "slack_event_receipts",
                columns: table => new
                {
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_event_receipts", x => new { x.connection_id, x.event_id });
                    table.ForeignKey(
                        name: "fk_slack_event_receipts_app_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "app_connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_slack_event_receipts_received_at",
                table: "slack_event_receipts",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slack_event_receipts");

            migrationBuilder.DropColumn(
                name: "signing_secret_ciphertext",
                table: "app_clients");
        }
    }
}
