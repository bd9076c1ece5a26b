using System.Net;

namespace Integrations.Testing;

public static class Repeated
{
    /// <summary>Sends <paramref name="times"/> requests (given their index), one after the other, and returns their status codes.</summary>
    public static async Task<HttpStatusCode[]> StatusesAsync(int times, Func<int, Task<HttpResponseMessage>> send)
    {
        var statuses = new HttpStatusCode[times];
        for (var i = 0; i < times; i++)
        {
            using var response = await send(i);
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }
}
