package io.partitionanalytics.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A decoder that reads every string as {@link BinaryDecoder} does — same length and bounds checks, same bytes
 * consumed — into one reused buffer, and hands back an empty string: for {@link AvroReader#readNumbers}, whose callers
 * need no text (a map's keys are strings too: all alike here). Everything else is the wrapped decoder's. (Avro's datum
 * readers ask the decoder for a new string per field, and offer no way to skip a field that the reader's schema
 * names.)
 */
final class TextDroppingDecoder extends Decoder {

    private final BinaryDecoder in;
    private final Utf8 buffer = new Utf8();
    private final Utf8 empty = new Utf8();

    TextDroppingDecoder(BinaryDecoder in) {
        this.in = in;
    }

    boolean wraps(BinaryDecoder decoder) {
        return in == decoder;
    }

    @Override
    public String readString() throws IOException {
        in.readString(buffer);
        return "";
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        in.readString(buffer);
        return empty;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        return in.readBytes(old);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return in.readArrayStart();
    }

    @Override
    public long arrayNext() throws IOException {
        return in.arrayNext();
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    @Override
    public long readMapStart() throws IOException {
        return in.readMapStart();
    }

    @Override
    public long mapNext() throws IOException {
        return in.mapNext();
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }

    @Override
    public int remainingBytes() {
        return in.remainingBytes();
    }
}
