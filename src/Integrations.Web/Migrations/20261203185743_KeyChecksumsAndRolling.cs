using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class KeyChecksumsAndRolling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "has_checksum",
                table: "api_keys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_expires_at",
                table: "api_keys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "previous_hash",
                table: "api_keys",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_previous_hash",
                table: "api_keys",
                column: "previous_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_api_keys_previous_hash",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "has_checksum",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "previous_expires_at",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "api_keys");
        }
    }
}
