using System.Reflection;
using FundLedger.Http;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace FundLedger.Hosting;

/// <summary>
/// Binds a write's request body (a type of contracts/) through <see cref="JsonBody"/> instead of Wolverine's reader, whose
/// 400 names no field (the field was once scraped from its message) and logs the client's mistake as an error. Wolverine
/// then knows no request type for the endpoint, so <see cref="JsonBodyDescription"/> describes the body to ApiExplorer.
/// </summary>
public sealed class JsonBodyBinding : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = IsBody(chain, parameter) ? new ReadBody(parameter).Body : null;
        return variable is not null;
    }

    /// <summary>A write's parameter whose type is a request of contracts/ (the one body an endpoint reads).</summary>
    internal static bool IsBody(HttpChain chain, ParameterInfo parameter) =>
        !chain.HttpMethods.Contains("GET") && parameter.ParameterType is { IsClass: true, IsAbstract: false } type &&
        type.Assembly == typeof(Money).Assembly;

    private sealed class ReadBody : AsyncFrame
    {
        private Variable? _http;

        public ReadBody(ParameterInfo parameter) => Body = new Variable(parameter.ParameterType, parameter.Name!, this);

        public Variable Body { get; }

        public override IEnumerable<Variable> FindVariables(IMethodVariables chain)
        {
            _http = chain.FindVariable(typeof(HttpContext));
            yield return _http;
        }

        public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
        {
            writer.WriteComment("The body through FundLedger's reader: a body that does not read is a 400 naming its field");
            writer.Write($"var ({Body.Usage}, {Body.Usage}Read) = await {typeof(JsonBody).FullNameInCode()}." +
                $"{nameof(JsonBody.ReadAsync)}<{Body.VariableType.FullNameInCode()}>({_http!.Usage});");
            writer.Write($"if (!{Body.Usage}Read) return;");
            Next?.GenerateCode(method, writer);
        }
    }
}
