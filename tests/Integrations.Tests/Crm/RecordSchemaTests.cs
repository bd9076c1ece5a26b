using Integrations.Crm.Entities;
using Integrations.Crm.Schema;

namespace Integrations.Tests.Crm;

/// <summary>The record types drive the SQL; the entities drive the migrations. They must describe the same columns.</summary>
public sealed class RecordSchemaTests
{
    public static TheoryData<string, Type> Entities => new()
    {
        { "contact", typeof(Contact) },
        { "account", typeof(Account) },
        { "deal", typeof(Deal) },
        { "product", typeof(Product) },
        { "activity", typeof(Activity) },
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public void EveryField_HasAnEntityPropertyOfTheRightType(string name, Type entity)
    {
        var type = RecordTypes.Get(name);
        var own = entity.GetProperties().Where(p => p.DeclaringType == entity).Select(p => p.Name).Order();

        Assert.Equal(type.Fields.Select(f => CrmRecordConfiguration<Contact>.Pascal(f.Name)).Order(), own);
        foreach (var field in type.Fields)
        {
            var clr = Nullable.GetUnderlyingType(entity.GetProperty(CrmRecordConfiguration<Contact>.Pascal(field.Name))!.PropertyType)
                ?? entity.GetProperty(CrmRecordConfiguration<Contact>.Pascal(field.Name))!.PropertyType;
            var expected = field.Kind switch
            {
                FieldKind.Money => typeof(decimal),
                FieldKind.Date => typeof(DateOnly),
                FieldKind.Boolean => typeof(bool),
                FieldKind.Reference => typeof(Guid),
                FieldKind.DateTime => typeof(DateTimeOffset),
                _ => typeof(string),
            };
            Assert.Equal(expected, clr);
        }
    }

    [Theory]
    [InlineData("opportunity", "deal")]
    [InlineData("Opportunities", "deal")]
    [InlineData("contacts", "contact")]
    [InlineData("Activities", "activity")]
    public void Find_AnswersToAliases(string alias, string name) => Assert.Equal(name, RecordTypes.Find(alias)?.Name);
}
