using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class PullConnectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "connectors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    body = table.Column<string>(type: "text", nullable: true),
                    auth_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    auth_header = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    auth_ciphertext = table.Column<string>(type: "text", nullable: true),
                    items_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    pagination_mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    page_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    page_param = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    page_size_param = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    page_size = table.Column<int>(type: "integer", nullable: true),
                    max_pages = table.Column<int>(type: "integer", nullable: false),
                    cursor_param = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    cursor_source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cursor_item_path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    cursor_value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    schedule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    mapping_json = table.Column<string>(type: "jsonb", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    next_allowed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connectors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "connector_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connector_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    pages_fetched = table.Column<int>(type: "integer", nullable: false),
                    items_fetched = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    item_errors = table.Column<string>(type: "jsonb", nullable: false),
                    cursor_sent = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    cursor_saved = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connector_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_connector_runs_connectors_connector_id",
                        column: x => x.connector_id,
                        principalTable: "connectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connector_runs_connector_id_id",
                table: "connector_runs",
                columns: new[] { "connector_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_connector_runs_one_active",
                table: "connector_runs",
                column: "connector_id",
                unique: true,
                filter: "status IN ('queued', 'running')");

            migrationBuilder.CreateIndex(
                name: "ix_connectors_workspace_id_id",
                table: "connectors",
                columns: new[] { "workspace_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "connector_runs");

            migrationBuilder.DropTable(
                name: "connectors");
        }
    }
}
