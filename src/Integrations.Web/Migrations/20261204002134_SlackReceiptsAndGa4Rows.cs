using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class SlackReceiptsAndGa4Rows : Migration
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
                name: "ga4_daily_rows",
                columns: table => new
                {
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    property_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    medium = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sessions = table.Column<long>(type: "bigint", nullable: false),
                    total_users = table.Column<long>(type: "bigint", nullable: false),
                    conversions = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ga4_daily_rows", x => new { x.connection_id, x.property_id, x.date, x.source, x.medium });
                    table.ForeignKey(
                        name: "fk_ga4_daily_rows_app_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "app_connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "ga4_daily_rows");

            migrationBuilder.DropTable(
                name: "slack_event_receipts");

            migrationBuilder.DropColumn(
                name: "signing_secret_ciphertext",
                table: "app_clients");
        }
    }
}
