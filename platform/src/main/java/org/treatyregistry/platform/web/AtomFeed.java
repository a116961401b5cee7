package org.treatyregistry.platform.web;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An Atom feed (RFC 4287) a feed reader can follow: entries under ids that never change, so a reader shows each
 * once, each linked to the console's page of what it is about.
 */
public final class AtomFeed {

    public static final String TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The ids' authority (RFC 4151 tag URIs): ids stay the same whichever host serves the feed. */
    public static final String TAG = "tag:treaty-registry.org,2026:";

    private AtomFeed() {
    }

    /**
     * @param id       the entry's id, for ever
     * @param category a term readers may filter on (an event or alert type); null for none
     * @param content  the entry's full text (JSON of the event's data); null for none
     */
    public record Entry(String id, String title, Instant updated, String link, String summary, String category,
                        String content) {
    }

    /** The feed; {@code updated} is its latest entry's time, or {@code empty} when it has none. */
    public static String write(String id, String title, String self, Instant empty, List<Entry> entries) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", id);
            element(xml, "title", title);
            element(xml, "updated", entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(empty)
                    .toString());
            xml.writeStartElement("author");
            element(xml, "name", "Treaty Registry");
            xml.writeEndElement();
            xml.writeEmptyElement("link");
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("href", self);
            for (Entry entry : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", entry.id());
                element(xml, "title", entry.title());
                element(xml, "updated", entry.updated().toString());
                xml.writeEmptyElement("link");
                xml.writeAttribute("href", entry.link());
                if (entry.category() != null) {
                    xml.writeEmptyElement("category");
                    xml.writeAttribute("term", entry.category());
                }
                element(xml, "summary", entry.summary());
                if (entry.content() != null) {
                    xml.writeStartElement("content");
                    xml.writeAttribute("type", "text");
                    xml.writeCharacters(entry.content());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed " + id, e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
