using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class RequestSecretsBodyHashesAndRollRaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "request_ciphertext",
                table: "connectors",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inbound_body_hashes",
                columns: table => new
                {
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_body_hashes", x => new { x.source_id, x.body_hash });
                    table.ForeignKey(
                        name: "fk_inbound_body_hashes_inbound_request_request_id",
                        column: x => x.request_id,
                        principalTable: "inbound_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_body_hashes_request_id",
                table: "inbound_body_hashes",
                column: "request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_body_hashes");

            migrationBuilder.DropColumn(
                name: "request_ciphertext",
                table: "connectors");
        }
    }
}
