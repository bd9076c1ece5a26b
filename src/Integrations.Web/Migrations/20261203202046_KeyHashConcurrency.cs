using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Integrations.Web.Migrations
{
    /// <inheritdoc />
    public partial class KeyHashConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
