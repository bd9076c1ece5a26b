using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class InboundSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbound_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    @object = table.Column<string>(name: "object", type: "character varying(40)", maxLength: 40, nullable: false),
                    mapping = table.Column<string>(type: "jsonb", nullable: false),
                    preset = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    signature_header = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    signature_encoding = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    signature_prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    secret_ciphertext = table.Column<string>(type: "text", nullable: false),
                    idempotency_header = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    idempotency_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    workspace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: false),
                    headers = table.Column<string>(type: "jsonb", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    errors = table.Column<string>(type: "jsonb", nullable: true),
                    record = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_inbound_requests_inbound_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "inbound_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_requests_source_id_delivery_id",
                table: "inbound_requests",
                columns: new[] { "source_id", "delivery_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbound_requests_source_id_id",
                table: "inbound_requests",
                columns: new[] { "source_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_requests_waiting",
                table: "inbound_requests",
                column: "id",
                filter: "status = 'Received'");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_sources_workspace_id_id",
                table: "inbound_sources",
                columns: new[] { "workspace_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_requests");

            migrationBuilder.DropTable(
                name: "inbound_sources");
        }
    }
}
