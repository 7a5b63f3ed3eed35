using System.Buffers.Binary;
using System.Text;
using FundLedger.Kernel;

namespace FundLedger.Tests.Infrastructure.Otlp;

/// <summary>
/// The protobuf wire format, read generically: enough to decode OTLP requests by field number (from the
/// opentelemetry-proto definitions) without generated code. Unknown fields are skipped, as protobuf requires.
/// </summary>
public readonly struct ProtoField(int number, int wireType, ulong scalar, ReadOnlyMemory<byte> bytes)
{
    public int Number { get; } = number;
    public int WireType { get; } = wireType;
    public ulong Scalar { get; } = scalar;
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public string Text => Encoding.UTF8.GetString(Bytes.Span);
    public string Hex => Convert.ToHexStringLower(Bytes.Span);
    public double Double => BitConverter.Int64BitsToDouble((long)Scalar);
    public long Int64 => (long)Scalar;
    public IEnumerable<ProtoField> Message => Protobuf.Read(Bytes);
}

public static class Protobuf
{
    public static IEnumerable<ProtoField> Read(ReadOnlyMemory<byte> buffer)
    {
        var position = 0;
        while (position < buffer.Length)
        {
            var key = Varint(buffer.Span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new ProtoField(number, wireType, Varint(buffer.Span, ref position), default);
                    break;
                case 1:
                    yield return new ProtoField(
                        number, wireType, BinaryPrimitives.ReadUInt64LittleEndian(buffer.Span[position..]), default);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(buffer.Span, ref position);
                    yield return new ProtoField(number, wireType, 0, buffer.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new ProtoField(
                        number, wireType, BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span[position..]), default);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {wireType} at byte {position}");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }

    public static IEnumerable<ProtoField> Fields(this IEnumerable<ProtoField> message, int number) =>
        message.Where(f => f.Number == number);

    public static ProtoField? Field(this IEnumerable<ProtoField> message, int number) =>
        message.Where(f => f.Number == number).Select(f => (ProtoField?)f).LastOrDefault();
}
